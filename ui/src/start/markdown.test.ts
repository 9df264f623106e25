// @vitest-environment node
import { describe, expect, it } from "vitest";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { InlineMarkdown, inlineMarkdown } from "./markdown";

const html = (source: string) => renderToStaticMarkup(createElement("p", null, createElement(InlineMarkdown, { source })));

describe("sample descriptions", () => {
  it("show code, emphasis and links as a reader expects, without their markers", () => {
    expect(html("`ValidateOrder` (Lambda, `OutputPath: $.Payload`) prices the order")).toBe(
      "<p><code>ValidateOrder</code> (Lambda, <code>OutputPath: $.Payload</code>) prices the order</p>",
    );
    expect(html("a **big** and *small* or _other_ see [the docs](https://example.com/x).")).toBe(
      "<p>a <strong>big</strong> and <em>small</em> or <em>other</em> see the docs.</p>",
    );
  });

  it("never passes markup through", () => {
    expect(html('<img src=x onerror="alert(1)"> `<b>`')).toBe("<p>&lt;img src=x onerror=&quot;alert(1)&quot;&gt; <code>&lt;b&gt;</code></p>");
  });

  it("leaves lone markers and snake_case names as text", () => {
    expect(inlineMarkdown("a * b, run_date and `open")).toEqual([{ kind: "text", text: "a * b, run_date and `open" }]);
    expect(inlineMarkdown("`--run_date` x")).toEqual([
      { kind: "code", text: "--run_date" },
      { kind: "text", text: " x" },
    ]);
  });
});
