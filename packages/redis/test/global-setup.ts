import { ensureRedis } from '../../../scripts/ensure-redis.ts';

// A fresh CI machine may not have redis-server yet: install it once, before any suite starts one.
export default function setup(): void {
  ensureRedis((line) => console.log(line));
}
