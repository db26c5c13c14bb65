/// <reference lib="webworker" />
import { readRecords, type Batch, type ReadOptions } from "./records";

/*
 * Parses a CSV or JSON Lines file off the page's thread. The page pulls: it asks for the next
 * batch only when it has sent the previous one, so a fast parser never piles up a large file's
 * rows in memory while the server is still importing the first ones.
 */
type Request = { type: "start"; file: Blob; options: ReadOptions } | { type: "next" };
export type WorkerAnswer = { type: "batch"; batch: Batch } | { type: "done" } | { type: "error"; message: string };

declare const self: DedicatedWorkerGlobalScope;

let batches: AsyncGenerator<Batch> | undefined;

self.onmessage = async (event: MessageEvent<Request>) => {
  const request = event.data;
  if (request.type === "start") {
    batches = readRecords(request.file, request.options);
    return;
  }
  if (!batches) {
    self.postMessage({ type: "error", message: "not started" } satisfies WorkerAnswer);
    return;
  }
  try {
    const next = await batches.next();
    self.postMessage((next.done ? { type: "done" } : { type: "batch", batch: next.value }) satisfies WorkerAnswer);
  } catch (error) {
    self.postMessage({ type: "error", message: error instanceof Error ? error.message : String(error) } satisfies WorkerAnswer);
  }
};
