/**
 * SIGTERM/SIGINT for `start`, listened to from the first moment (src/main.ts installs it before loading the
 * configuration or Bolt): a signal during start-up must stop the process too, not be swallowed until the app is up.
 */
export function listenForStop(): Promise<NodeJS.Signals> {
  return new Promise<NodeJS.Signals>((resolve) => {
    const on = (signal: NodeJS.Signals) => () => {
      process.off("SIGTERM", onTerm);
      process.off("SIGINT", onInt);
      resolve(signal);
    };
    const onTerm = on("SIGTERM");
    const onInt = on("SIGINT");
    process.once("SIGTERM", onTerm);
    process.once("SIGINT", onInt);
  });
}
