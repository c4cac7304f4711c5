import type { LiveEvent } from "@gardenos/contracts";
import { isTerminal } from "./live-event.js";
import type { EncodedEvent, LiveFilter } from "./live-hub.js";
import type { StreamSink } from "./stream-sink.js";

/** Per-task stream: passes events on and ends the stream after the task's last one. */
export class EndAfterTerminal {
  ended = false;
  readonly tenant: string | undefined;
  readonly filter: LiveFilter;
  constructor(private readonly sink: StreamSink) {
    this.tenant = sink.tenant;
    this.filter = sink.filter;
  }
  deliver(e: LiveEvent, encoded: EncodedEvent): void {
    if (this.ended) return;
    this.sink.deliver(e, encoded);
    if (isTerminal(e)) {
      this.ended = true;
      this.sink.close();
    }
  }
}
