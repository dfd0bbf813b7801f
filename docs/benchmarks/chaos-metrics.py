"""The chaos run behind docs/benchmarks/chaos-alert-signals.png (docs/scale-out.md, "Observability").

Run it in an empty folder holding a copy of routes/, where the packaged application runs against its embedded emulator
with its console in app.log (it reads the emulator's address from there):

    cp -r routes /tmp/chaos/ && cd /tmp/chaos && QUARKUS_HTTP_PORT=18090 ITWIN_FOLDER_POLL_DELAY=200 \
      ITWIN_SYNC_POLL_DELAY=500 java -jar $OLDPWD/target/quarkus-app/quarkus-run.jar > app.log 2>&1 &
    python3 $OLDPWD/docs/benchmarks/chaos-metrics.py

It drops two images a second into the inbox for 140 s (every fifteenth one broken), has the emulator answer 30% of the
API calls with 429 and 10% with 503 from 30 s to 90 s, and samples /q/metrics once a second into samples.txt.
"""
import json, os, struct, time, urllib.request, zlib, threading, random
EMU = open('app.log').read().split('emulator at ')[1].split(' ')[0]
APP = 'http://127.0.0.1:18090'
ITWINS = ["3f1c8a52-6d0e-4b7a-9c21-5e8d7f6a0b0%d" % i for i in range(1, 5)]
def png(seed, w=64, h=40):
    raw = b''.join(b'\x00' + bytes(v % 256 for x in range(w) for v in (x * seed + y, y * 7 + seed, x + y + seed)) for y in range(h))
    def chunk(t, d): return struct.pack('>I', len(d)) + t + d + struct.pack('>I', zlib.crc32(t + d) & 0xffffffff)
    return b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', w, h, 8, 2, 0, 0, 0)) + chunk(b'IDAT', zlib.compress(raw)) + chunk(b'IEND', b'')
def faults(p429, p503):
    body = json.dumps({"throttleProbability": p429, "throttleRetryAfterSeconds": 2, "unavailableProbability": p503,
                       "internalErrorProbability": 0, "dropProbability": 0, "latencyMillis": 20}).encode()
    urllib.request.urlopen(urllib.request.Request(EMU + '/__emulator/faults', data=body, method='PUT',
                                                  headers={'Content-Type': 'application/json'})).read()
def drop(i, data, name):
    d = 'data/inbox/itwins/%s' % ITWINS[i % 4]
    os.makedirs(d, exist_ok=True)
    tmp = os.path.join(d, '.' + name); open(tmp, 'wb').write(data); os.rename(tmp, os.path.join(d, name))
start = time.time()
samples = open('samples.txt', 'w')
def sampler():
    while time.time() - start < 150:
        t = time.time() - start
        text = urllib.request.urlopen(APP + '/q/metrics').read().decode()
        for line in text.splitlines():
            if line.startswith('itwin_') or line.startswith('camel_exchanges_failed'):
                samples.write('%.1f %s\n' % (t, line))
        samples.flush(); time.sleep(1)
th = threading.Thread(target=sampler); th.start()
# phase 1 (0-30 s): calm; phase 2 (30-90 s): 30% 429s and 10% 503s; phase 3 (90-150 s): calm again
n = 0
while time.time() - start < 140:
    t = time.time() - start
    if 30 <= t < 90: faults(0.3, 0.1)
    else: faults(0, 0)
    drop(n, png(n + 3), 'site-%d.png' % n); n += 1
    if n % 15 == 0: drop(n, b'not a png at all', 'broken-%d.png' % n)
    time.sleep(0.5)
th.join()
print('dropped', n)
