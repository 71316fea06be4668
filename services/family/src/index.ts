import { runMain, startService } from "@caregraph/platform";
import { family } from "./service";

runMain(() => startService(family));
