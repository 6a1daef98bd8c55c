"""heapgen: the generator and command line of the self-hosted Heap Connect."""

__version__ = "0.1.0"
