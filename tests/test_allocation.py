from hypothesis import given
from hypothesis import strategies as st

from helpers.allocation import DebtView, Policy, pro_rata, ranking, share


def views():
    return [
        DebtView(0, owed_fen=3_000_000, rate=0.18, days_overdue=40),
        DebtView(1, owed_fen=500_000, rate=0.24),
        DebtView(2, owed_fen=1_000_000, rate=0.0, credit_reported=False),
        DebtView(3, owed_fen=40_000_000, rate=0.04, secured=True),
    ]


def test_secured_debts_come_first_under_every_policy():
    for policy in Policy:
        assert ranking(policy, views())[0] == 3


def test_each_policy_orders_the_unsecured_debts():
    assert ranking(Policy.AVALANCHE, views()) == [3, 1, 0, 2]
    assert ranking(Policy.SNOWBALL, views()) == [3, 1, 2, 0]
    assert ranking(Policy.PRIORITY_FIRST, views()) == [3, 0, 1, 2]  # relatives last


def test_sequential_policies_fill_dues_in_order():
    wants = [100_000, 80_000, 50_000, 300_000]
    assert share(Policy.AVALANCHE, 450_000, wants, views()) == [70_000, 80_000, 0, 300_000]
    assert share(Policy.SNOWBALL, 450_000, wants, views()) == [20_000, 80_000, 50_000, 300_000]


def test_pro_rata_shares_by_balance_and_passes_on_what_a_capped_debt_does_not_need():
    wants = [100_000, 80_000, 50_000, 0]
    # 90,000 by balances 3,000,000 : 500,000 : 1,000,000
    assert share(Policy.PRO_RATA, 90_000, wants, views()) == [60_000, 10_000, 20_000, 0]
    # 200,000: debt 2 wants only 50,000 of its 44,444 share... all capped in turn
    assert share(Policy.PRO_RATA, 200_000, wants, views()) == [100_000, 50_000, 50_000, 0]


def test_pro_rata_splits_the_last_fen_to_the_heaviest():
    assert pro_rata(100, [100, 100, 100], [1, 1, 1]) == [34, 33, 33]
    assert pro_rata(0, [100, 100], [1, 1]) == [0, 0]
    assert pro_rata(100, [100, 100], [0, 0]) == [50, 50]


@given(
    st.sampled_from(list(Policy)),
    st.integers(-1000, 10**7),
    st.lists(
        st.tuples(st.integers(0, 10**6), st.integers(0, 10**7), st.booleans()),
        min_size=1,
        max_size=8,
    ),
)
def test_shares_never_exceed_wants_or_capacity_and_use_what_they_can(policy, capacity, debts):
    wants = [w for w, _, _ in debts]
    vs = [DebtView(i, owed, 0.1, secured) for i, (_, owed, secured) in enumerate(debts)]
    paid = share(policy, capacity, wants, vs)
    assert all(0 <= p <= w for p, w in zip(paid, wants, strict=True))
    assert sum(paid) == min(max(0, capacity), sum(wants))
