int beta_part1(int n); int beta_part2(int n); int beta_part3(int n);
int beta_part(int n) { return beta_part1(n) + beta_part2(n) + beta_part3(n); }
