"""Functions for the data-file and Python-value tests of the sandbox."""
import sys


def read_text(path):
    with open(path) as f:
        return f.read()


def try_write(path):
    try:
        with open(path, 'a') as f:
            f.write('changed by student code')
        return 'written'
    except OSError as e:
        return type(e).__name__


def python_values():
    return {0: 'a', '0': 'b', (1, 2): [None, True, 1.5]}, [1, 2], 'x\n'


def unsupported():
    return {1, 2}


def leaves():
    sys.exit(3)
