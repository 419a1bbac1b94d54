export type { Clock } from './clock';
export { ClockBackwardsError, ClockReentrancyError, RunawayTimersError } from './clock-errors';
export { systemClock } from './system-clock';
export { VirtualClock, type VirtualClockOptions, VirtualClockOptionsSchema } from './virtual-clock';
