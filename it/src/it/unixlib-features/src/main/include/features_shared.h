/* Seen by both halves. */
#define FEATURES_MAGIC 0x5eed
