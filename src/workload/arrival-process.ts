/**
 * A stream of arrival times. Generation is lazy: a process holds a fixed amount of state
 * however many arrivals it has produced, so a year of traffic costs no more memory than a
 * minute.
 */
export interface ArrivalProcess {
  /**
   * The next arrival time in simulated seconds. Successive values never decrease; Infinity
   * means there are no more arrivals (and every later call returns Infinity too).
   */
  next(): number;
}
