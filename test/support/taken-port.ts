/** A port some other server holds for the duration of `use`: for the "PORT is taken" start-up tests. */
import { createServer } from "node:net";

export async function withTakenPort(use: (port: number) => Promise<void>): Promise<void> {
  const blocker = createServer();
  await new Promise<void>((resolve) => blocker.listen(0, resolve));
  const address = blocker.address();
  if (address === null || typeof address !== "object") throw new Error("the blocker has no port");
  try {
    await use(address.port);
  } finally {
    await new Promise<void>((resolve) => blocker.close(() => resolve()));
  }
}
