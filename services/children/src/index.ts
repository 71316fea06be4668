import { runMain, startService } from "@caregraph/platform";
import { children } from "./service";

runMain(() => startService(children));
