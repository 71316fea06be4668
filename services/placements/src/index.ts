import { runMain, startService } from "@caregraph/platform";
import { placements } from "./service";

runMain(() => startService(placements));
