"""What tests (and the benchmarks that drive the app the same way) share: the test day and
people (``data``), AppTest journeys (``screens``), the browser and app server (``browser``),
and workbook inspection (``excel``). Test modules import from here, never from each other."""
