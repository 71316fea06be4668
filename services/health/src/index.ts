import { runMain, startService } from "@caregraph/platform";
import { health } from "./service";

runMain(() => startService(health));
