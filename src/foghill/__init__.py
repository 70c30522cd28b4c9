"""Foghill: an explorable explanation of gradient descent."""
