from capaciteit import storage


def test_a_fresh_database_is_empty_on_both_stores(engine):
    with engine.connect() as conn:
        assert storage.is_empty(conn)
