"""The optimal payment schedule: one linear programme, replayed through the engine."""

from helpers.optimize.schedule import OptimalSchedule, optimal_schedule, total_cost_fen

__all__ = ["OptimalSchedule", "optimal_schedule", "total_cost_fen"]
