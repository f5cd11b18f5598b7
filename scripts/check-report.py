#!/usr/bin/python3
"""Loads HTML reports in headless Chromium and watches them through the DevTools protocol.

    scripts/check-report.py [--screenshot PNG] REPORT.html SECTION-ID... [-- REPORT.html SECTION-ID...]

For each report: opens it from its file: URL in a fresh tab, and fails (exit 1) when the page
logs a console error or warning, throws an exception, makes any network request besides loading
its own file, or lacks a section with one of the ids in its rendered DOM, or a chart without
its title and text alternative. A click on a sortable table heading must sort without error.
Each --screenshot PNG[@SECTION] (repeatable) saves the next report's first screen, 1280 × 1400,
or the screen from that section's top. Uses Debian's Chromium
(chromium-headless-shell) and python3-websockets (scripts/install-deps report).
"""
import asyncio
import base64
import json
import os
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile

import websockets

BROWSER = shutil.which("chromium-headless-shell") or "/usr/lib/chromium/chromium-headless-shell"


class Tab:
    """One DevTools session on a page target, collecting the events that matter."""

    def __init__(self, ws, session):
        self.ws, self.session, self.next_id = ws, session, 1000
        self.pending, self.problems, self.requests = {}, [], []
        self.loaded = asyncio.Event()

    async def call(self, method, **params):
        self.next_id += 1
        future = asyncio.get_running_loop().create_future()
        self.pending[self.next_id] = future
        await self.ws.send(json.dumps({"id": self.next_id, "sessionId": self.session, "method": method, "params": params}))
        reply = await asyncio.wait_for(future, 30)
        if "error" in reply:
            raise RuntimeError(f"{method}: {reply['error']}")
        return reply.get("result", {})

    def event(self, message):
        method, params = message.get("method"), message.get("params", {})
        if method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "warning", "assert"):
            text = " ".join(str(a.get("value", a.get("description", ""))) for a in params.get("args", []))
            self.problems.append(f"console {params['type']}: {text}")
        elif method == "Runtime.exceptionThrown":
            details = params.get("exceptionDetails", {})
            self.problems.append("exception: " + details.get("exception", {}).get("description", details.get("text", "?")))
        elif method == "Log.entryAdded" and params.get("entry", {}).get("level") in ("error", "warning"):
            entry = params["entry"]
            self.problems.append(f"log {entry['level']}: {entry.get('text', '')} {entry.get('url', '')}".strip())
        elif method == "Network.requestWillBeSent":
            self.requests.append(params.get("request", {}).get("url", "?"))
        elif method == "Network.loadingFailed":
            self.problems.append(f"request failed: {params.get('errorText', '?')}")
        elif method == "Page.loadEventFired":
            self.loaded.set()


# What the rendered DOM must show: every section asked for, and each chart with its title,
# description and values table; the counts come back for the log.
CHECK_DOM = """(() => {
  const ids = [...document.querySelectorAll("main > section[id]")].map(s => s.id);
  const svgs = [...document.querySelectorAll("figure > svg")];
  const bare = svgs.filter(s => !s.querySelector("title") || !s.querySelector("desc") || !s.getAttribute("aria-label")
      || !s.closest("figure").querySelector("details table"));
  const sortable = document.querySelector("table.sortable th:nth-child(2)");
  let sorted = null;
  if (sortable) { sortable.click(); sorted = sortable.getAttribute("aria-sort"); }
  const external = [...document.querySelectorAll("[src],[href]")].map(e => e.getAttribute("src") || e.getAttribute("href"))
      .filter(u => !u.startsWith("#"));
  return JSON.stringify({ids, charts: svgs.length, bare: bare.length, figures: document.querySelectorAll("[data-figure]").length,
      sortable: !!sortable, sorted, external, title: document.title});
})()"""


async def check(ws, tabs, path, sections, screenshot):
    url = pathlib.Path(path).resolve().as_uri()
    target = await browser_call(ws, tabs, "Target.createTarget", url="about:blank")
    attached = await browser_call(ws, tabs, "Target.attachToTarget", targetId=target["targetId"], flatten=True)
    tab = Tab(ws, attached["sessionId"])
    tabs[tab.session] = tab
    for domain in ("Runtime", "Log", "Network", "Page"):
        await tab.call(f"{domain}.enable")
    await tab.call("Page.navigate", url=url)
    await asyncio.wait_for(tab.loaded.wait(), 60)
    await asyncio.sleep(0.3)
    result = json.loads((await tab.call("Runtime.evaluate", expression=CHECK_DOM, returnByValue=True))["result"]["value"])
    await asyncio.sleep(0.2)
    problems = list(tab.problems)
    others = [u for u in tab.requests if u != url]
    problems += [f"network request: {u}" for u in others]
    problems += [f"missing section: #{s}" for s in sections if s not in result["ids"]]
    problems += [f"link or source in the DOM: {u}" for u in result["external"]]
    if result["charts"] == 0:
        problems.append("no chart rendered")
    if result["bare"]:
        problems.append(f"{result['bare']} charts without a title, description or values table")
    if result["sortable"] and result["sorted"] not in ("ascending", "descending"):
        problems.append("a click on a sortable heading did not sort")
    if screenshot:
        # PNG or PNG@SECTION: the screen from the top of the page, or from that section's heading.
        file, _, section = screenshot.partition("@")
        width, height = 1280, 1400
        await tab.call("Emulation.setDeviceMetricsOverride", width=width, height=height, deviceScaleFactor=1, mobile=False)
        top = 0
        if section:
            where = f"(() => {{ const s = document.getElementById({json.dumps(section)}); return s ? s.getBoundingClientRect().top + window.scrollY : 0 }})()"
            top = (await tab.call("Runtime.evaluate", expression=where, returnByValue=True))["result"]["value"]
        shot = await tab.call("Page.captureScreenshot", format="png", captureBeyondViewport=True,
                              clip={"x": 0, "y": top, "width": width, "height": height, "scale": 1})
        pathlib.Path(file).write_bytes(base64.b64decode(shot["data"]))
    await browser_call(ws, tabs, "Target.closeTarget", targetId=target["targetId"])
    name = os.path.basename(os.path.dirname(os.path.abspath(path))) + "/" + os.path.basename(path)
    print(f"check-report: {name}: {len(result['ids'])} sections ({', '.join(result['ids'])}), {result['charts']} charts, "
          f"{result['figures']} figures, {len(tab.requests)} request(s) ({len(others)} besides the file itself), {len(problems)} problem(s)")
    for p in problems:
        print(f"check-report:   {p}")
    return not problems


async def browser_call(ws, tabs, method, **params):
    tabs["next"] = tabs.get("next", 0) + 1
    future = asyncio.get_running_loop().create_future()
    tabs.setdefault("browser", {})[tabs["next"]] = future
    await ws.send(json.dumps({"id": tabs["next"], "method": method, "params": params}))
    reply = await asyncio.wait_for(future, 30)
    if "error" in reply:
        raise RuntimeError(f"{method}: {reply['error']}")
    return reply.get("result", {})


async def pump(ws, tabs):
    async for raw in ws:
        message = json.loads(raw)
        session = message.get("sessionId")
        if "id" in message:
            waiting = tabs[session].pending if session else tabs.get("browser", {})
            future = waiting.pop(message["id"], None)
            if future and not future.done():
                future.set_result(message)
        elif session in tabs:
            tabs[session].event(message)


async def main(jobs, screenshot):
    profile = tempfile.mkdtemp(prefix="hallsim-check-report-")
    browser = subprocess.Popen(
        [BROWSER, "--headless", "--no-sandbox", "--disable-gpu", "--remote-debugging-port=0", f"--user-data-dir={profile}",
         "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-default-apps", "--metrics-recording-only", "about:blank"],
        stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
    try:
        endpoint = None
        for line in browser.stderr:
            found = re.search(r"DevTools listening on (ws://\S+)", line)
            if found:
                endpoint = found.group(1)
                break
        if not endpoint:
            print("check-report: the browser did not start", file=sys.stderr)
            return 1
        async with websockets.connect(endpoint, max_size=64 * 1024 * 1024) as ws:
            tabs = {}
            reader = asyncio.create_task(pump(ws, tabs))
            ok = True
            for i, (path, sections) in enumerate(jobs):
                ok = await check(ws, tabs, path, sections, screenshot[i] if i < len(screenshot) else None) and ok
            reader.cancel()
        return 0 if ok else 1
    finally:
        browser.terminate()
        browser.wait()
        shutil.rmtree(profile, ignore_errors=True)


if __name__ == "__main__":
    args, shots = sys.argv[1:], []
    while args and args[0] == "--screenshot":
        shots.append(args[1])
        args = args[2:]
    jobs, current = [], []
    for a in args + ["--"]:
        if a == "--":
            if current:
                jobs.append((current[0], current[1:]))
            current = []
        else:
            current.append(a)
    if not jobs:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    sys.exit(asyncio.run(main(jobs, shots)))
