"""The optimal payment schedule: one linear programme (scipy HiGHS), replayed through the engine.

How much less than the best allocation policy does the optimal schedule cost Zhang Wei over two
years?

>>> from helpers.case import load_sample
>>> optimal_schedule(load_sample("zhang_wei_unemployed"), horizon=24).saving_fen
1658545
"""

from helpers.optimize.schedule import OptimalSchedule, optimal_schedule, total_cost_fen

__all__ = ["OptimalSchedule", "optimal_schedule", "total_cost_fen"]
