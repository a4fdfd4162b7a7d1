"""Guard against PySide6 6.12.0's SignalInstance.emit() reference bug.

In 6.12.0, emit() from Python returned True without taking a reference to it;
on Python 3.11 the interpreter aborts after about a thousand emits. pyproject
excludes that release; these tests fail if a broken release comes back.
"""

import subprocess
import sys


EMITS = """
import sys
from PySide6.QtCore import QObject, Signal
class Source(QObject):
    fired = Signal(int)
source = Source()
before = sys.getrefcount(True)
for i in range(20_000):
    source.fired.emit(i)
print(before - sys.getrefcount(True))
"""


def test_python_emits_keep_their_references():
    result = subprocess.run([sys.executable, "-c", EMITS], capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 0, result.stderr[-500:]
    assert abs(int(result.stdout.strip())) < 10
