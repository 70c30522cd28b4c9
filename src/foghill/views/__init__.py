"""Request model in, response model out: the one place the hosts call the engine.

The page's server and the notebook widgets both call these functions, so nothing here knows
about HTTP. Anything the person must fix (an unknown hill, a formula the engine refuses, a
start outside the hill) raises `BadRequest` with one sentence that says what to change.

- :mod:`.landscapes`: which landscape a request names (built, or refused, and cached) and
  where on it a walk may start;
- :mod:`.curves`: the built-in hills (``/api/hills``) and a 1-D hill as a curve with its
  valleys and step-size regimes (``/api/landscape``);
- :mod:`.runs`: one walk downhill (``/api/descend``) and the fields every run answer shares;
- :mod:`.linefit`: a line walked downhill through dots (``/api/linefit``);
- :mod:`.maps`: a 2-D surface from above (``/api/contours``);
- :mod:`.races`: many walks at once, by rule (``/api/race``) or by step size (``/api/sweep``).
"""
