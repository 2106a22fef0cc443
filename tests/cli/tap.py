"""What the CLI test scripts share: the TAP runner (run each test function, print
"ok N - name" or "not ok N - name" with the reason as "#" lines, go on) and the
two assertions newer scripts use."""
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


def check(cond, what):
    """Fail the test with @what unless @cond holds."""
    if not cond:
        raise AssertionError(what)


def check_eq(got, want, what):
    """Fail the test unless @got equals @want, saying both."""
    if got != want:
        raise AssertionError(f"{what}: expected {want!r}, got {got!r}")
