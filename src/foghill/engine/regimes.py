"""Step-size regimes (crawl / settle / zigzag / fly off) from curvature. (Lands next.)"""
