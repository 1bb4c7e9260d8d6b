"""The world map shaded by number of projects (being written: map part of issue 2)."""


def world_map():
    raise NotImplementedError
