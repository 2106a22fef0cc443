"""The TAP runner the CLI test scripts share: run each test function, print
"ok N - name" or "not ok N - name" with the reason as "#" lines, go on."""
import traceback


def run(tests):
    """Run @tests (functions) in order; return the exit status (1 if any failed)."""
    print(f"1..{len(tests)}")
    failed = 0
    for n, fn in enumerate(tests, start=1):
        try:
            fn()
        except Exception as e:  # report and go on with the next test
            failed += 1
            print(f"not ok {n} - {fn.__name__}")
            for line in (str(e) or traceback.format_exc()).splitlines():
                print(f"# {line}")
            if not isinstance(e, AssertionError):
                for line in traceback.format_exc().splitlines():
                    print(f"# {line}")
        else:
            print(f"ok {n} - {fn.__name__}")
    return 1 if failed else 0
