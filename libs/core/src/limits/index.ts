export { Deadline } from './deadline';
export { CpuGate, cpuGate } from './cpu-gate';
export { HeavyLane } from './heavy-lane';
