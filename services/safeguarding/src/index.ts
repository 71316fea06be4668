import { runMain } from "@caregraph/platform";
import { startSafeguarding } from "./service";

runMain(() => startSafeguarding());
