"""A line through dots by walking downhill on the mean squared error. (Lands next.)"""
