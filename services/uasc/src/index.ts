import { runMain, startService } from "@caregraph/platform";
import { uasc } from "./service";

runMain(() => startService(uasc));
