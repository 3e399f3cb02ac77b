/** How each component reads in a sentence. */
export const COMPONENT_WORDS: Readonly<Record<string, string>> = {
  cpu: 'CPU',
  memory: 'memory',
  idle: 'idle min instances',
  requests: 'request fees',
  network: 'egress',
  fixed: 'fixed costs (disk, IP, load balancer)',
  duration: 'duration (GB-s)',
  'ephemeral-storage': 'ephemeral storage',
  'provisioned-concurrency': 'provisioned concurrency',
};
