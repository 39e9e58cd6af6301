// Preload that CPU-profiles a process from start to exit, for processes the bench cannot start with --cpu-prof
// itself (Node refuses --cpu-prof in NODE_OPTIONS, so Playwright's workers cannot get it that way). Active only when
// BENCH_CPU_PROF_DIR is set; writes <dir>/CPU.<pid>.cpuprofile (the format of node --cpu-prof) on exit.
// Plain JavaScript because it must load before any TypeScript loader is registered.
import { mkdirSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { join } from 'node:path';

const dir = process.env.BENCH_CPU_PROF_DIR;

if (dir) {
  const session = new Session();
  session.connect();
  session.post('Profiler.enable');
  session.post('Profiler.setSamplingInterval', { interval: 1000 });
  session.post('Profiler.start');
  process.on('exit', () => {
    // In-process inspector sessions answer synchronously, so the profile is written before the process ends.
    session.post('Profiler.stop', (err, result) => {
      if (err || !result?.profile) return;
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, `CPU.${process.pid}.cpuprofile`), JSON.stringify(result.profile));
    });
  });
}
