import { RetrySchedule } from './retry-schedule';

describe(RetrySchedule.name, () => {
  it('should wait each delay in turn, then give up', () => {
    const schedule = new RetrySchedule('10,60,300');
    expect([1, 2, 3, 4].map((attempts) => schedule.delayAfter(attempts))).toEqual([
      10,
      60,
      300,
      null,
    ]);
    expect(schedule.attempts).toBe(4);
  });

  it('should read the default schedule of DESIGN', () => {
    const schedule = new RetrySchedule('10,60,300,1800,7200,21600,86400');
    expect(schedule.delayAfter(7)).toBe(86400);
    expect(schedule.delayAfter(8)).toBeNull();
  });

  it('should refuse what is not a list of whole seconds', () => {
    expect(() => new RetrySchedule('10,x')).toThrow();
    expect(() => new RetrySchedule('-1')).toThrow();
  });
});
