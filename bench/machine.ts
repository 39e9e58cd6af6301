/**
 * The machine a bench ran on, as the README quotes it: CPU model and count, memory, Node, OS, and the load average
 * (other processes busy during the bench make every figure noisier).
 */
import { readFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, release, totalmem, type } from 'node:os';

export interface Machine {
  cpuModel: string;
  /** What `nproc` prints (cores this process may use). */
  nproc: number;
  memoryGiB: number;
  node: string;
  os: string;
}

/** The CPU model as /proc/cpuinfo names it, else as Node reports it. */
export function cpuModel(cpuinfo?: string): string {
  let text = cpuinfo;
  if (text === undefined) {
    try {
      text = readFileSync('/proc/cpuinfo', 'utf8');
    } catch {
      text = '';
    }
  }
  const line = text.split('\n').find((l) => /^model name\s*:/.test(l));
  const fromProc = line?.slice(line.indexOf(':') + 1).trim();
  return fromProc || cpus()[0]?.model?.trim() || 'unknown CPU';
}

export function machine(): Machine {
  return {
    cpuModel: cpuModel(),
    nproc: availableParallelism(),
    memoryGiB: totalmem() / 1024 ** 3,
    node: process.version,
    os: `${type()} ${release()}`,
  };
}

export function loadAverage(): number[] {
  return loadavg().map((l) => Math.round(l * 100) / 100);
}

export function describeMachine(m: Machine): string {
  return `${m.cpuModel}, ${m.nproc} cores (nproc), ${m.memoryGiB.toFixed(0)} GiB RAM, Node ${m.node}, ${m.os}`;
}
