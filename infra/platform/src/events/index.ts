export * from "./envelope";
export * from "./topics";
export * from "./kafka";
export * from "./relay";
export * from "./consumer";
export * from "./handlers";
export * from "./statutory-task";
export * from "./chronology";
