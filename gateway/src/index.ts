import { loadGatewayConfig } from "./config";
import { startGateway } from "./server";

startGateway(loadGatewayConfig()).then(
  (gw) => {
    const stop = () => gw.stop().then(() => process.exit(0), () => process.exit(1));
    process.once("SIGTERM", stop);
    process.once("SIGINT", stop);
  },
  (e: Error) => {
    process.stderr.write(`${e.message}\n`);
    process.exit(1);
  },
);
