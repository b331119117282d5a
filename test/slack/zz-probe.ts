import { startTestBot } from "/work/main/test/support/bot-harness.js";
console.log("starting");
const t = setTimeout(() => { console.log("still waiting"); }, 8000);
try {
  const bot = await startTestBot({ socketMode: true });
  console.log("started", bot.app.mode, bot.app.port, bot.socket?.connections.length);
  console.log(bot.log.text().slice(-3000));
  await bot.stop();
  console.log("stopped");
} catch (e) { console.log("error", e); }
clearTimeout(t);
