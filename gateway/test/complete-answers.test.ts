import { completeAnswers } from "../src/complete-answers";

type Body = { kind: "single"; singleResult: Record<string, unknown> };

async function finish(singleResult: Record<string, unknown>): Promise<Record<string, unknown>> {
  const response = { body: { kind: "single", singleResult } as Body };
  const listeners = await completeAnswers().requestDidStart!({} as never);
  await listeners!.willSendResponse!({ response } as never);
  return response.body.singleResult;
}

it("a non-null field a subgraph left null becomes an error the client can see, not a silent data: null", async () => {
  const out = await finish({
    data: null,
    extensions: { valueCompletion: [{ message: "Cannot return null for non-nullable field Child.placements.", path: ["restoreChild", "placements"] }] },
  });
  expect(out.data).toBeNull();
  expect(out.errors).toEqual([
    expect.objectContaining({ path: ["restoreChild", "placements"], extensions: { code: "INCOMPLETE_ANSWER" } }),
  ]);
  expect(JSON.stringify(out)).not.toContain("valueCompletion");
});

it("a complete answer is left alone", async () => {
  expect(await finish({ data: { child: { id: "x" } } })).toEqual({ data: { child: { id: "x" } } });
});
