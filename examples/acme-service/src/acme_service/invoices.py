"""Invoice totals (example code, not run)."""
from decimal import Decimal


def invoice_total(lines: list[tuple[Decimal, int]], tax_rate: Decimal) -> Decimal:
    """Sum of price x quantity, plus tax, rounded to cents."""
    net = sum((price * quantity for price, quantity in lines), Decimal("0"))
    return (net * (1 + tax_rate)).quantize(Decimal("0.01"))
