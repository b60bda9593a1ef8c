/**
 * Step outputs this replica committed recently, so the next step of the same workflow, when it runs here,
 * reads nothing back. Bounded (oldest first out); a miss is one read of the store.
 */
export class StepOutputCache {
  private readonly entries = new Map<string, unknown>();

  constructor(private readonly maxEntries: number) {}

  set(workflowId: string, key: string, payload: unknown): void {
    if (this.maxEntries <= 0) return;
    const id = `${workflowId}\u0000${key}`;
    this.entries.delete(id);
    this.entries.set(id, payload);
    while (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
  }

  get(workflowId: string, key: string): unknown {
    return this.entries.get(`${workflowId}\u0000${key}`);
  }

  delete(workflowId: string, key: string): void {
    this.entries.delete(`${workflowId}\u0000${key}`);
  }

  /** The workflow finished: nothing of it will be read again. */
  forget(workflowId: string): void {
    for (const id of this.entries.keys()) if (id.startsWith(`${workflowId}\u0000`)) this.entries.delete(id);
  }

  get size(): number {
    return this.entries.size;
  }
}
