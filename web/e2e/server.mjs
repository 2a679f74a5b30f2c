import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Starts the real all-in-one jar on a free port with a fresh data directory, resolves when
 * /health answers 200. The port comes from the "running at" line it prints (WEILIAO_HTTP_PORT=0).
 */
export async function startServer(jar, { log = () => {} } = {}) {
  const dataDir = mkdtempSync(join(tmpdir(), 'weiliao-e2e-data-'));
  const child = spawn('java', ['-Xmx1g', '-jar', jar], {
    // calls ring 12 s instead of 45, so the scenario can wait for an unanswered one
    env: { WEILIAO_CALL_RING_TIMEOUT: '12', ...process.env, WEILIAO_HTTP_PORT: '0', WEILIAO_HTTP_HOST: '127.0.0.1', WEILIAO_DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const port = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('server did not start in 90 s:\n' + output.slice(-3000))), 90_000);
    const onData = (d) => {
      const text = d.toString();
      output += text;
      log(text);
      const m = output.match(/running at http:\/\/[^:\s]+:(\d+)/) || output.match(/gateway listening on port (\d+)/);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${output.slice(-3000)}`));
    });
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 90_000;
  for (;;) {
    try {
      const r = await fetch(url + '/health');
      if (r.status === 200) break;
    } catch {
      // not yet
    }
    if (Date.now() > deadline) throw new Error('/health never answered 200');
    await new Promise((r) => setTimeout(r, 300));
  }
  return {
    url,
    output: () => output,
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await new Promise((r) => {
          const t = setTimeout(() => {
            child.kill('SIGKILL');
            r();
          }, 10_000);
          child.on('exit', () => {
            clearTimeout(t);
            r();
          });
        });
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
