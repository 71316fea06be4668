import { runMain, startService } from "@caregraph/platform";
import { carePlanning } from "./service";

runMain(() => startService(carePlanning));
