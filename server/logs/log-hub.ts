// The process's followers, one per container, counted by reference: the first viewer opens the
// Docker stream, the last one to leave closes it.
import type { AppEnv } from '../app';
import { ContainerFollower } from './container-follower';
import type { ContainerLogInfo } from './docker-logs';
import { trackStream } from '../metrics';

export class LogHub {
  private followers = new Map<string, { follower: ContainerFollower; refs: number; untrack: () => void }>();

  constructor(private ae: AppEnv) {}

  acquire(info: ContainerLogInfo): ContainerFollower {
    let entry = this.followers.get(info.id);
    if (!entry) {
      entry = { follower: new ContainerFollower(this.ae.env.docker, this.ae.env.watcher, info), refs: 0, untrack: trackStream(this.ae, 'logs') };
      this.followers.set(info.id, entry);
    }
    entry.refs++;
    return entry.follower;
  }

  release(follower: ContainerFollower) {
    const entry = this.followers.get(follower.info.id);
    if (!entry || entry.follower !== follower) return;
    if (--entry.refs > 0) return;
    this.followers.delete(follower.info.id);
    entry.untrack(); // metrics
    follower.close();
  }

  /** The environment is going away: every Docker stream closes, whoever still holds it. */
  closeAll() {
    for (const { follower, untrack } of this.followers.values()) {
      untrack();
      follower.close();
    }
    this.followers.clear();
  }

  /** How many Docker follow streams are open (for tests and diagnostics). */
  get openStreams(): number {
    return this.followers.size;
  }

  get(id: string): ContainerFollower | undefined {
    return this.followers.get(id)?.follower;
  }
}

export function logHub(ae: AppEnv): LogHub {
  return ae.env.service('logs.hub', () => new LogHub(ae));
}
