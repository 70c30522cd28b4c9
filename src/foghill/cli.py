"""Command line: placeholder until the server lands."""


def main() -> None:
    print("foghill")
