import { runMain, startService } from "@caregraph/platform";
import { startRetentionCheck } from "./retention";
import { children } from "./service";

runMain(async () => {
  const running = await startService(children);
  // Records are erased when kept as long as the law asks (the 75th birthday), with no one touching them.
  const stopRetention = startRetentionCheck(running.deps);
  return {
    ...running,
    stop: async () => {
      stopRetention();
      await running.stop();
    },
  };
});
