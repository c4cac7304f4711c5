/**
 * What one live delivery costs at least, outside GardenOS: the kernel's part of one small write to
 * a loopback TCP socket whose reader is another process, at the stream bench's pace.
 * `node bench/dist/experiments/sse-write-floor.js [writes=10000] [sockets=1000] [per_ms=2]`:
 * a server holds `sockets` connections from a child process that only reads; every millisecond it
 * writes `per_ms` frames of 1.3 KB (the size of a lead-analysis `task.completed` frame), each to
 * another socket (as the lead-filtered streams get them), then the same loop without writes. Prints
 * the CPU (user + system) per write of the writer and of the reader, over the loop without writes.
 */
import { fork } from "node:child_process";
import net from "node:net";

const [writes, sockets, perMs] = [Number(process.argv[2] ?? 10_000), Number(process.argv[3] ?? 1000), Number(process.argv[4] ?? 2)];

if (process.argv[5] === "reader") {
  const port = Number(process.argv[6]);
  let n = 0;
  for (let i = 0; i < sockets; i++) net.connect(port, "127.0.0.1").on("data", () => void n++);
  process.on("message", (m: string) => {
    if (m === "cpu") process.send!({ cpu: process.cpuUsage(), reads: n });
  });
} else {
  const conns: net.Socket[] = [];
  const server = net.createServer({ noDelay: true }, (s) => void conns.push(s));
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const port = (server.address() as net.AddressInfo).port;
  const reader = fork(new URL(import.meta.url).pathname, [String(writes), String(sockets), String(perMs), "reader", String(port)]);
  while (conns.length < sockets) await new Promise((r) => setTimeout(r, 20));
  const frame = `id: 1\nevent: task.completed\ndata: {"x":"${"y".repeat(1300)}"}\n\n`;
  const readerCpu = () => new Promise<{ cpu: NodeJS.CpuUsage; reads: number }>((r) => (reader.once("message", (m) => r(m as { cpu: NodeJS.CpuUsage; reads: number })), reader.send("cpu")));
  const ms = (c: NodeJS.CpuUsage) => (c.user + c.system) / 1000;
  async function loop(write: boolean) {
    const r0 = await readerCpu();
    const c0 = process.cpuUsage();
    let k = 0;
    await new Promise<void>((done) => {
      const t = setInterval(() => {
        for (let j = 0; j < perMs && k < writes; j++, k++) if (write) conns[k % sockets]!.write(`${(frame.length).toString(16)}\r\n${frame}\r\n`);
        if (k >= writes) (clearInterval(t), done());
      }, 1);
    });
    await new Promise((r) => setTimeout(r, 200));
    const r1 = await readerCpu();
    return { writer_ms: ms(process.cpuUsage(c0)), reader_ms: ms(r1.cpu) - ms(r0.cpu), reads: r1.reads - r0.reads };
  }
  const withWrites = await loop(true);
  const without = await loop(false);
  const per = (a: number, b: number) => ((1000 * (a - b)) / writes).toFixed(1);
  console.log(JSON.stringify({ writes, sockets, per_ms: perMs, with_writes: withWrites, without, writer_us_per_write: per(withWrites.writer_ms, without.writer_ms), reader_us_per_write: per(withWrites.reader_ms, without.reader_ms) }));
  reader.kill();
  server.close();
  for (const c of conns) c.destroy();
}
