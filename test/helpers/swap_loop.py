"""Race helper for containment tests: atomically exchange two paths, again and again.

Usage: swap_loop.py A B MAX_SWAPS
Calls renameat2(AT_FDCWD, A, AT_FDCWD, B, RENAME_EXCHANGE) through libc (glibc >= 2.28)
until MAX_SWAPS swaps are done or stdin closes; prints "ready" once, then the swap
count on exit. A bounded loop, so a forgotten child cannot spin forever.
"""
import ctypes
import os
import select
import sys

AT_FDCWD = -100
RENAME_EXCHANGE = 2

libc = ctypes.CDLL(None, use_errno=True)
renameat2 = libc.renameat2
renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]

a, b, limit = os.fsencode(sys.argv[1]), os.fsencode(sys.argv[2]), int(sys.argv[3])
swaps = 0
print("ready", flush=True)
while swaps < limit:
    if renameat2(AT_FDCWD, a, AT_FDCWD, b, RENAME_EXCHANGE) != 0:
        err = ctypes.get_errno()
        print(f"error {os.strerror(err)}", flush=True)
        sys.exit(1)
    swaps += 1
    # Stop when the test closes our stdin (checked every 256 swaps: cheap).
    if swaps % 256 == 0 and select.select([sys.stdin], [], [], 0)[0] and sys.stdin.read(1) == "":
        break
# An even count leaves the tree as it was found.
if swaps % 2 == 1:
    renameat2(AT_FDCWD, a, AT_FDCWD, b, RENAME_EXCHANGE)
    swaps += 1
print(f"swaps {swaps}", flush=True)
