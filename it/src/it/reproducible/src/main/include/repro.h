#define REPRO_BUILT_IN __FILE__ " on " __DATE__ " at " __TIME__
