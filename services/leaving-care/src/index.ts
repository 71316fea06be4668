import { runMain, startService } from "@caregraph/platform";
import { startDailyCheck } from "./daily-check";
import { leavingCare } from "./service";

runMain(async () => {
  const running = await startService(leavingCare);
  // The daily job lives in the service: birthdays move the status with no one touching the record.
  const stopCheck = startDailyCheck(running.deps);
  return {
    ...running,
    stop: async () => {
      stopCheck();
      await running.stop();
    },
  };
});
