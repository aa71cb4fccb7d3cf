"""The demo township: a realistic, reproducible township for the first start,
the tests and the benchmarks.

It stands beside the commands, not among the services: no user action builds it.
:mod:`.accounts` is small enough for the login window's start-up to read;
:mod:`.builder` makes the township (Faker and the services behind it).
"""
