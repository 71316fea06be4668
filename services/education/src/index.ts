import { runMain, startService } from "@caregraph/platform";
import { education } from "./service";

runMain(() => startService(education));
